/**
 * Progressive cutovers: move a share of one route's primary traffic to a candidate pool step by
 * step, advancing while the candidate stays healthy and rolling back when it does not.
 */
package dev.shunt.gateway.cutover;
