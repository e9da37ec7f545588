/**
 * Routing primitives that roles compose: {@link dev.weft.core.route.LoadBalancer}, {@link
 * dev.weft.core.route.FairQueue} and {@link dev.weft.core.route.Distributor}, all three over one
 * {@link dev.weft.core.route.PipeSet} each, and the routing-id engine {@link
 * dev.weft.core.route.RoutingTable}. Used under the socket lock only.
 */
package dev.weft.core.route;
