package dev.shunt.backend.launch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up DJL before anything touches it: offline (natives come from the pytorch-native-cpu jar,
 * nothing is downloaded, no usage tracking) and the PyTorch thread counts, which the engine reads
 * once, when it starts.
 */
public final class DjlRuntime {

    private static final Logger log = LoggerFactory.getLogger(DjlRuntime.class);

    private DjlRuntime() {}

    /** Makes DJL offline and sets intra-op and inter-op threads; call before the first DJL use. */
    public static void configure(int intraOpThreads, int interOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads: " + intraOpThreads + " (expected: > 0)");
        }
        if (interOpThreads < 1) {
            throw new IllegalArgumentException("interOpThreads: " + interOpThreads + " (expected: > 0)");
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interOpThreads));
    }

    /** Makes DJL offline without touching thread settings (tests, tools). */
    public static void offline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    /** The first GPU when the engine sees one, else the CPU with a loud warning. */
    public static Device bestDevice() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        if (gpus > 0) {
            log.info("PyTorch sees {} GPU(s): serving on gpu(0)", gpus);
            return Device.gpu();
        }
        log.warn("==================================================================");
        log.warn("NO GPU: PyTorch sees no CUDA device, so this GPU server runs on the");
        log.warn("CPU. Batching still works, but expect CPU speed. Model metadata and");
        log.warn("shunt_backend_model_info report device=cpu().");
        log.warn("==================================================================");
        return Device.cpu();
    }
}
