package dev.shunt.gateway.replicas.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's Kubernetes API server in CRUD mode (objects are stored, {@code resourceVersion} is checked on
 * update), on the loopback interface; clients use the JDK's HTTP client, as the gateway does.
 */
public final class MockApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final List<KubernetesClient> clients = new ArrayList<>();

    public MockApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** A client of its own, as each pod has; closed with the server. */
    public synchronized KubernetesClient client() {
        KubernetesClient client = server.createClient(new JdkHttpClientFactory());
        clients.add(client);
        return client;
    }

    /** The configuration a client of this server needs. */
    public Config clientConfig() {
        return client().getConfiguration();
    }

    /** The requests served since the last call, oldest first. */
    public List<RecordedRequest> takeRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            requests.add(r);
        }
        return requests;
    }

    @Override
    public synchronized void close() {
        clients.forEach(KubernetesClient::close);
        server.destroy();
    }
}
