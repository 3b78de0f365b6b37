/** The failures of a model server and the one place that maps them to HTTP statuses. */
package dev.shunt.backend.error;
