package dev.shunt.gateway.config;

/**
 * How mirrored copies travel to the shadow: {@code http1}, one request per connection at a time (the
 * mirror's in-flight cap is then bounded by connections too), or {@code h2c}, HTTP/2 over clear text
 * with prior knowledge, many copies multiplexed on a few connections: what a slow shadow needs for
 * every copy to be delivered. Both model servers accept h2c; a shadow that does not fails every copy.
 */
public enum MirrorProtocol {
    HTTP1,
    H2C
}
