/** Traces of a model server: a span per inference request, joined to the caller's, with its queue and compute. */
package dev.shunt.backend.trace;
