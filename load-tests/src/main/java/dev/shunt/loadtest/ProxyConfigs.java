package dev.shunt.loadtest;

/**
 * The configs of the proxies the gateway is compared with, as plain reverse proxies with upstream
 * keepalive, mirroring the settings of the shared anchor-bench harness (access logs off, no silent
 * retries, bodies kept in memory, long keepalive).
 */
final class ProxyConfigs {

    private ProxyConfigs() {}

    static String nginx(int listen, int backend) {
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
                    upstream backend { server 127.0.0.1:%d; keepalive 128; keepalive_requests 1000000; keepalive_timeout 600s; }
                    server {
                        listen 127.0.0.1:%d backlog=4096;
                        location / { proxy_pass http://backend; }
                    }
                }
                """.formatted(backend, listen);
    }

    /** nginx with {@code mirror}: every request also copied to {@code shadow}, the way the anchor-bench configures it. */
    static String nginxMirror(int listen, int backend, int shadow) {
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
                    upstream backend { server 127.0.0.1:%d; keepalive 128; keepalive_requests 1000000; keepalive_timeout 600s; }
                    upstream shadow { server 127.0.0.1:%d; keepalive 128; keepalive_requests 1000000; keepalive_timeout 600s; }
                    server {
                        listen 127.0.0.1:%d backlog=4096;
                        location / { mirror /mirror; mirror_request_body on; proxy_pass http://backend; }
                        location = /mirror {
                            internal;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_pass http://shadow$request_uri;
                        }
                    }
                }
                """.formatted(backend, shadow, listen);
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
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], maxInFlightPerBackend: 1024, maxConnectionsPerBackend: 128}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    shedding: {batch: 1.0, standard: 1.0, realtime: 1.0}
                """.formatted(listen, backend);
    }
}
