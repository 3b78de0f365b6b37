/** The overload benchmark: capacity, then open-model load at 1x, 3x and 0.5x of it, the client's and the gateway's figures side by side. */
package dev.shunt.loadtest.overload;
