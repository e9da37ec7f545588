/**
 * RFC 48 radio-dish: the RADIO and DISH roles over the group table and the distributor. Groups are
 * matched exactly; a DISH's JOIN and LEAVE travel to its radios as pattern commands through the
 * pipes. Internal to this module; every method runs under the socket lock.
 */
package dev.weft.patterns.radiodish;
