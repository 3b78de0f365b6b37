/** Pure routing decisions for the gateway: request profile and pool snapshots in, a route or a rejection out. */
package dev.shunt.routing;
