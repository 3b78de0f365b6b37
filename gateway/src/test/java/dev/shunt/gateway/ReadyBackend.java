package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/** A WireMock backend on a free loopback port that passes the gateway's health checks; tests stub the rest. */
final class ReadyBackend {

    private ReadyBackend() {}

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get("/v2/health/ready").willReturn(aResponse().withStatus(200)));
        return server;
    }
}
