/** Balancers that pick a backend inside a pool: power of two choices, round robin, weighted. */
package dev.shunt.routing.balance;
