package dev.shunt.backend.model;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.Model;
import dev.shunt.protocol.ModelMetadata;

/** A DJL model served under its v2 metadata; every worker gets its own predictor. */
final class DjlServedModel implements ServedModel {

    private final Model model;
    private final ModelMetadata metadata;
    private final Device device;

    DjlServedModel(Model model, ModelMetadata metadata, Device device) {
        this.model = requireNonNull(model, "model");
        this.metadata = requireNonNull(metadata, "metadata");
        this.device = requireNonNull(device, "device");
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public String device() {
        return device.toString();
    }

    @Override
    public ModelInstance newInstance() {
        return new DjlModelInstance(model.newPredictor(new TensorTranslator(metadata), device));
    }

    @Override
    public void close() {
        model.close();
    }
}
