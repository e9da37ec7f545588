/**
 * RFC 29 publish-subscribe: PUB, SUB, XPUB and XSUB roles over the subscription trie and the
 * distributor. Internal to this module; every method runs under the socket lock.
 */
package dev.weft.patterns.pubsub;
