/**
 * {@code shunt.yaml}: read once into immutable validated records whose errors name the exact path,
 * and the checks a reload must pass before its config replaces the one in force.
 */
package dev.shunt.gateway.config;
