/** Online latency models of pools: service time as a function of rows, learned from answers, decaying so they follow drift. */
package dev.shunt.routing.latency;
