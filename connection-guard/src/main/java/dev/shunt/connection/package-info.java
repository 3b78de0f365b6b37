/** Connection-level limits of an HTTP/1.x listener: header, body and idle deadlines, and a connection cap. */
package dev.shunt.connection;
