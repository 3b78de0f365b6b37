#!/usr/bin/python3
"""A v2 client that speaks Triton's binary tensor data extension with the standard library and numpy.

It builds requests the way the extension's specification describes them -- a JSON header whose
inputs carry ``parameters.binary_data_size`` instead of ``data``, then each tensor's raw bytes,
little-endian and row-major, in input order, with ``Inference-Header-Content-Length`` giving the
header's length -- and reads binary outputs back the same way. It is what ``tritonclient.http``
sends by default, without needing that package.

    python3 examples/clients/v2_binary_client.py --url http://127.0.0.1:8000 --model mlp

checks a running server or gateway: the same input sent as JSON and in binary must give the same
outputs, outputs asked in binary (per output, and with ``binary_data_output``) must decode to the
JSON ones, and a body whose sizes do not add up must get a 400 naming the input. Prints one line per
check and exits 0 when all pass, 1 otherwise.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request

import numpy as np

DATATYPES = {
    np.dtype(np.bool_): "BOOL", np.dtype(np.uint8): "UINT8", np.dtype(np.uint16): "UINT16",
    np.dtype(np.uint32): "UINT32", np.dtype(np.uint64): "UINT64", np.dtype(np.int8): "INT8",
    np.dtype(np.int16): "INT16", np.dtype(np.int32): "INT32", np.dtype(np.int64): "INT64",
    np.dtype(np.float16): "FP16", np.dtype(np.float32): "FP32", np.dtype(np.float64): "FP64",
}
NUMPY = {v: k for k, v in DATATYPES.items()}
HEADER = "Inference-Header-Content-Length"


def tensor_bytes(array):
    """The extension's layout: little-endian, row-major."""
    return np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tobytes()


def build_request(inputs, outputs=None, binary_data_output=None):
    """inputs: [(name, ndarray, binary)]; outputs: [(name, binary or None)]. Returns (body, header length)."""
    header = {"inputs": []}
    blobs = []
    for name, array, binary in inputs:
        entry = {"name": name, "shape": list(array.shape), "datatype": DATATYPES[array.dtype]}
        if binary:
            raw = tensor_bytes(array)
            entry["parameters"] = {"binary_data_size": len(raw)}
            blobs.append(raw)
        else:
            entry["data"] = array.flatten().tolist()
        header["inputs"].append(entry)
    if outputs is not None:
        header["outputs"] = []
        for name, binary in outputs:
            out = {"name": name}
            if binary is not None:
                out["parameters"] = {"binary_data": binary}
            header["outputs"].append(out)
    if binary_data_output is not None:
        header["parameters"] = {"binary_data_output": binary_data_output}
    json_part = json.dumps(header).encode("utf-8")
    return json_part + b"".join(blobs), len(json_part)


def parse_response(body, header_length):
    """Outputs by name as arrays, binary or JSON; header_length None means JSON alone."""
    json_part = body if header_length is None else body[:header_length]
    doc = json.loads(json_part)
    at = 0 if header_length is None else header_length
    outputs = {}
    for out in doc["outputs"]:
        dtype = NUMPY[out["datatype"]]
        size = out.get("parameters", {}).get("binary_data_size")
        if size is None:
            outputs[out["name"]] = np.array(out["data"], dtype=dtype).reshape(out["shape"])
        else:
            outputs[out["name"]] = np.frombuffer(body[at:at + size], dtype=dtype.newbyteorder("<")).reshape(out["shape"])
            at += size
    if at != (len(body) if header_length is not None else 0):
        raise ValueError("%d bytes after the last binary output" % (len(body) - at))
    return doc, outputs


def post(url, model, body, header_length):
    request = urllib.request.Request(url + "/v2/models/%s/infer" % model, data=body, method="POST")
    request.add_header("Content-Type", "application/octet-stream" if header_length is not None else "application/json")
    if header_length is not None:
        request.add_header(HEADER, str(header_length))
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            length = response.headers.get(HEADER)
            return response.status, response.read(), None if length is None else int(length)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), None


def check(url, model, rows, features):
    rng = np.random.default_rng(7)
    x = rng.standard_normal((rows, features)).astype(np.float32)
    results = []

    def record(name, ok, detail=""):
        results.append(ok)
        print("%s: %s%s" % ("ok" if ok else "FAIL", name, "" if ok else " -- " + detail))

    body, _ = build_request([("input", x, False)])
    status, raw, length = post(url, model, body, None)
    record("JSON request answered 200", status == 200 and length is None, "status %d" % status)
    _, reference = parse_response(raw, length)
    expected = reference["output"]

    body, length = build_request([("input", x, True)])
    status, raw, answer_length = post(url, model, body, length)
    _, got = parse_response(raw, answer_length) if status == 200 else (None, {})
    record("binary request gives the JSON request's outputs", status == 200 and answer_length is None
           and np.allclose(got.get("output"), expected, rtol=1e-5, atol=1e-6), "status %d" % status)

    body, length = build_request([("input", x, True)], outputs=[("output", True)])
    status, raw, answer_length = post(url, model, body, length)
    ok = status == 200 and answer_length is not None
    if ok:
        doc, got = parse_response(raw, answer_length)
        ok = "data" not in doc["outputs"][0] and np.allclose(got["output"], expected, rtol=1e-5, atol=1e-6)
    record("output asked with binary_data: true comes back binary", ok, "status %d" % status)

    body, length = build_request([("input", x, False)], binary_data_output=True)
    status, raw, answer_length = post(url, model, body, length)
    ok = status == 200 and answer_length is not None
    if ok:
        _, got = parse_response(raw, answer_length)
        ok = np.allclose(got["output"], expected, rtol=1e-5, atol=1e-6)
    record("binary_data_output: true makes every output binary", ok, "status %d" % status)

    body, length = build_request([("input", x, True)])
    status, raw, _ = post(url, model, body[:-4], length)
    message = json.loads(raw).get("error", "") if status == 400 else ""
    record("a truncated body gets 400 naming the input", status == 400
           and message.startswith("inputs[0].parameters.binary_data_size"), "status %d: %s" % (status, raw[:200]))

    header = {"inputs": [{"name": "input", "shape": [rows, features], "datatype": "FP32",
                          "parameters": {"binary_data_size": rows * features * 4 - 4}}]}
    json_part = json.dumps(header).encode("utf-8")
    status, raw, _ = post(url, model, json_part + tensor_bytes(x)[:-4], len(json_part))
    message = json.loads(raw).get("error", "") if status == 400 else ""
    record("a size that does not fit the shape gets 400 naming the input", status == 400
           and message.startswith("inputs[0].parameters.binary_data_size: %d bytes" % (rows * features * 4 - 4)),
           "status %d: %s" % (status, raw[:200]))
    return all(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--model", default="mlp")
    parser.add_argument("--rows", type=int, default=4)
    parser.add_argument("--features", type=int, default=512)
    args = parser.parse_args()
    sys.exit(0 if check(args.url.rstrip("/"), args.model, args.rows, args.features) else 1)


if __name__ == "__main__":
    main()
