package dev.shunt.backend.launch;

import ai.djl.Device;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.model.TorchScriptModels;
import java.nio.file.Path;

/** Loads what the flags name: an embedded model, or the user's TorchScript file. */
public final class ModelLoader {

    private ModelLoader() {}

    /** Loads the model the flags describe on the device. */
    public static ServedModel load(CommonFlags flags, Device device) {
        Path file = flags.modelFile();
        if (file == null) {
            return EmbeddedModels.load(flags.model(), flags.variant(), device);
        }
        Path metadata = flags.modelMetadata() != null ? flags.modelMetadata() : TorchScriptModels.defaultMetadataFile(file);
        return TorchScriptModels.load(file, metadata, device);
    }
}
