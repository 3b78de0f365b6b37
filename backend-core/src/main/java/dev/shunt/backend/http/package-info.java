/** The v2 (Open Inference Protocol) HTTP front of a model server; it never blocks its event loop. */
package dev.shunt.backend.http;
