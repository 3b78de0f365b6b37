package dev.shunt.backend.launch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up DJL before anything touches it: offline (natives come from the pytorch-native-cpu jar,
 * nothing is downloaded, no usage tracking) and the PyTorch thread counts, which the engine reads
 * once, when it starts; counts the user gave with {@code -D} are kept.
 */
public final class DjlRuntime {

    private static final Logger log = LoggerFactory.getLogger(DjlRuntime.class);

    private DjlRuntime() {}

    /**
     * Makes DJL offline and sets the intra-op and inter-op threads; call before the first DJL use. A
     * count the user gave with {@code -D} wins over the server's choice ({@link ThreadSettings}).
     *
     * @param intraOpThreads the server's choice of intra-op threads
     * @param interOpThreads the server's choice of inter-op threads
     * @return the counts the engine will start with
     * @throws IllegalArgumentException when a count is not positive, or a {@code -D} count is not a
     *     positive integer
     */
    public static ThreadSettings configure(int intraOpThreads, int interOpThreads) {
        ThreadSettings settings = ThreadSettings.decide(System::getProperty, intraOpThreads, interOpThreads);
        offline();
        System.setProperty(ThreadSettings.INTRA_OP_PROPERTY, Integer.toString(settings.intraOp()));
        System.setProperty(ThreadSettings.INTER_OP_PROPERTY, Integer.toString(settings.interOp()));
        settings.notes().forEach(note -> log.info("PyTorch threads: {}", note));
        return settings;
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
