package dev.shunt.backend.model;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InvalidRequestException;
import dev.shunt.protocol.ModelMetadata;
import dev.shunt.protocol.TensorMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads a user's TorchScript file ({@code model.pt}) with DJL's PyTorch engine. TorchScript carries
 * no tensor names, so a v2 metadata file sits beside it ({@code model.json}: name, platform, inputs
 * and outputs with datatype and shape, -1 for the batch dimension), the way Triton's
 * {@code config.pbtxt} does. Inputs are passed to the model in the metadata's order.
 */
public final class TorchScriptModels {

    private TorchScriptModels() {}

    /** The metadata file for a model file: same name, {@code .json} instead of {@code .pt}. */
    public static Path defaultMetadataFile(Path modelFile) {
        String file = modelFile.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return modelFile.resolveSibling((dot > 0 ? file.substring(0, dot) : file) + ".json");
    }

    /**
     * Loads the model on the device.
     *
     * @throws IllegalArgumentException with a message naming the file and the problem
     */
    public static ServedModel load(Path modelFile, Path metadataFile, Device device) {
        requireNonNull(modelFile, "modelFile");
        requireNonNull(metadataFile, "metadataFile");
        requireNonNull(device, "device");
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("model file " + modelFile + " does not exist");
        }
        ModelMetadata declared = readMetadata(metadataFile);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelFile.toAbsolutePath())
                .optEngine("PyTorch")
                .optDevice(device)
                .build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException("model file " + modelFile + " could not be loaded as TorchScript: "
                    + e.getMessage(), e);
        }
        Map<String, Object> parameters = new HashMap<>(declared.parameters());
        parameters.put("device", device.toString());
        parameters.put("source", modelFile.getFileName().toString());
        ModelMetadata metadata = new ModelMetadata(declared.name(), declared.versions(), declared.platform(),
                declared.inputs(), declared.outputs(), parameters);
        return new DjlServedModel(model, metadata, device);
    }

    private static ModelMetadata readMetadata(Path metadataFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(metadataFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("model metadata file " + metadataFile
                    + " could not be read (a TorchScript model needs one: name, inputs, outputs)", e);
        }
        try {
            ModelMetadata metadata = new InferenceCodec().decodeModelMetadata(bytes);
            if (metadata.inputs().isEmpty() || metadata.outputs().isEmpty()) {
                throw new IllegalArgumentException("model metadata file " + metadataFile
                        + ": inputs and outputs must both be non-empty");
            }
            for (TensorMetadata input : metadata.inputs()) {
                if (input.datatype() == Datatype.BYTES) {
                    throw new IllegalArgumentException("model metadata file " + metadataFile + ": input "
                            + input.name() + " is BYTES, which a PyTorch model cannot take (expected: a numeric"
                            + " or BOOL datatype)");
                }
            }
            return metadata;
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException("model metadata file " + metadataFile + ": " + e.getMessage(), e);
        }
    }
}
