/** Traffic mirroring: copies of live requests sent to a staging pool, detached from the client, and compared. */
package dev.shunt.gateway.mirror;
