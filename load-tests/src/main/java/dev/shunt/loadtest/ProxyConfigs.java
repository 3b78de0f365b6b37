package dev.shunt.loadtest;

/**
 * The configs of the proxies the gateway is compared with, as plain reverse proxies with upstream
 * keepalive, mirroring the settings of the shared anchor-bench harness (access logs off, no silent
 * retries, bodies kept in memory, long keepalive).
 */
final class ProxyConfigs {

    private ProxyConfigs() {}

    static String nginx(int listen, int backend) {
        return nginx(listen, "upstream backend { server 127.0.0.1:%d; %s }".formatted(backend, UPSTREAM_KEEPALIVE),
                "location / { proxy_pass http://backend; }");
    }

    /** nginx with {@code mirror}: every request also copied to {@code shadow}, the way the anchor-bench configures it. */
    static String nginxMirror(int listen, int backend, int shadow) {
        return nginx(listen, """
                upstream backend { server 127.0.0.1:%d; %s }
                upstream shadow { server 127.0.0.1:%d; %s }""".formatted(backend, UPSTREAM_KEEPALIVE, shadow,
                        UPSTREAM_KEEPALIVE), """
                location / { mirror /mirror; mirror_request_body on; proxy_pass http://backend; }
                location = /mirror {
                    internal;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_pass http://shadow$request_uri;
                }""");
    }

    private static final String UPSTREAM_KEEPALIVE = "keepalive 128; keepalive_requests 1000000; keepalive_timeout 600s;";

    /** The shared settings around the given upstreams and the server's locations. */
    private static String nginx(int listen, String upstreams, String locations) {
        return """
                worker_processes 2;
                pid nginx.pid;
                error_log error.log warn;
                events { worker_connections 16384; }
                http {
                    access_log off;
                    client_body_temp_path tmp;
                    proxy_temp_path tmp;
                    fastcgi_temp_path tmp;
                    uwsgi_temp_path tmp;
                    scgi_temp_path tmp;
                    keepalive_timeout 600s;
                    keepalive_requests 1000000;
                    client_max_body_size 64m;
                    client_body_buffer_size 512k;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_next_upstream off;
                %s
                    server {
                        listen 127.0.0.1:%d backlog=4096;
                %s
                    }
                }
                """.formatted(upstreams.indent(4).stripTrailing(), listen, locations.indent(8).stripTrailing());
    }

    /** Whether a command is on the PATH (or in /usr/sbin, where Debian puts nginx and HAProxy). */
    static boolean installed(String command) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static String haproxy(int listen, int backend) {
        return """
                global
                    nbthread 2
                    maxconn 8000
                defaults
                    mode http
                    option http-keep-alive
                    http-reuse always
                    timeout connect 5s
                    timeout client 60s
                    timeout server 60s
                    timeout http-keep-alive 600s
                    retries 0
                frontend fe
                    bind 127.0.0.1:%d
                    default_backend be
                backend be
                    server primary 127.0.0.1:%d
                """.formatted(listen, backend);
    }

    static String gateway(int listen, int backend) {
        return """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], maxInFlightPerBackend: 1024, maxConnectionsPerBackend: 128}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    shedding: {batch: 1.0, standard: 1.0, realtime: 1.0}
                """.formatted(listen, backend);
    }
}
