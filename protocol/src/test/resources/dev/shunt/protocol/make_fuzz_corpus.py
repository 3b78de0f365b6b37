#!/usr/bin/env python3
"""Writes the committed seed inputs of ProtocolFuzzTest (run from this folder; the files are committed)."""
import json, os, struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ProtocolFuzzTestInputs")

def put(target, name, data):
    os.makedirs(os.path.join(HERE, target), exist_ok=True)
    with open(os.path.join(HERE, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

def js(obj):
    return json.dumps(obj, separators=(",", ":"))

JSON = {
    "fp32": js({"id": "r1", "inputs": [{"name": "input", "shape": [2, 3], "datatype": "FP32",
                                        "data": [0.5, -1, 2e-3, "NaN", "Infinity", 3]}]}),
    "scalar": js({"inputs": [{"name": "s", "shape": [], "datatype": "FP32", "data": [7]}]}),
    "two_inputs": js({"id": "two", "inputs": [
        {"name": "a", "shape": [3, 2], "datatype": "INT64", "data": [[1, 2], [3, 4], [5, 6]]},
        {"name": "b", "shape": [3], "datatype": "BOOL", "data": [True, False, True]}],
        "outputs": [{"name": "o", "parameters": {"binary_data": False}}]}),
    "bytes_late_fields": js({"outputs": [{"name": "o"}], "parameters": {"p": 1, "timeout": 9000000},
                             "inputs": [{"data": ["x", "\u00e9\u4e2d"], "datatype": "BYTES", "shape": [2, 1], "name": "s"}],
                             "id": "late"}),
    "empty_fp16": js({"inputs": [{"name": "e", "shape": [0, 4], "datatype": "FP16", "data": []}]}),
    "ints": js({"inputs": [{"name": "u", "shape": [4], "datatype": "UINT64", "data": [0, 1, 9223372036854775807, 2]},
                           {"name": "i", "shape": [2], "datatype": "INT8", "data": [-128, 127]},
                           {"name": "w", "shape": [1], "datatype": "UINT32", "data": [4294967295]}]}),
    "fp64_data_first": js({"inputs": [{"data": [1.5, -2, 3e-3], "name": "late", "shape": [3], "datatype": "FP64"}]}),
    "huge_shape_tiny_data": js({"inputs": [{"name": "x", "shape": [1048576, 1048576], "datatype": "FP32", "data": [1]}]}),
    "shape_overflow": js({"inputs": [{"name": "x", "shape": [2147483648, 2147483648, 4], "datatype": "FP32", "data": [1]}]}),
    "huge_numbers": '{"inputs":[{"name":"x","shape":[3],"datatype":"FP64","data":[1e400,-0,18446744073709551616]}]}',
}
for name, body in JSON.items():
    put("jsonRequest", name, body)
    put("parameterSplice", name, body)

def binary(header, tensors, blobs, extra=None):
    body = {"inputs": header}
    if extra:
        body.update(extra)
    text = js(body).encode()
    return str(len(text)).encode() + b"\n" + text + b"".join(blobs)

fp32 = struct.pack("<4f", 1, 2, 3, 4)
strings = struct.pack("<I", 2) + b"ab" + struct.pack("<I", 3) + b"\xc3\xa9z"
put("binaryRequest", "fp32", binary([{"name": "x", "shape": [1, 4], "datatype": "FP32",
                                      "parameters": {"binary_data_size": 16}}], None, [fp32]))
put("binaryRequest", "mixed", binary([
    {"name": "j", "shape": [2], "datatype": "INT32", "data": [1, 2]},
    {"name": "b", "shape": [2], "datatype": "BYTES", "parameters": {"binary_data_size": len(strings)}},
    {"name": "h", "shape": [2], "datatype": "FP16", "parameters": {"binary_data_size": 4}},
    {"name": "u", "shape": [1], "datatype": "UINT64", "parameters": {"binary_data_size": 8}},
    {"name": "t", "shape": [3], "datatype": "BOOL", "parameters": {"binary_data_size": 3}}], None,
    [strings, struct.pack("<2H", 0x3c00, 0x7c00), struct.pack("<Q", 5), b"\x00\x01\x02"],
    {"outputs": [{"name": "o", "parameters": {"binary_data": True}}]}))
# the shape's byte count overflows a long: 2^60+1 rows of 4 FP32 "need" 16 bytes modulo 2^64
put("binaryRequest", "size_overflow", binary([{"name": "x", "shape": [1152921504606846977, 4], "datatype": "FP32",
                                               "parameters": {"binary_data_size": 16}}], None, [fp32]))
put("binaryRequest", "header_past_body", b"4000\n" + js({"inputs": [{"name": "x", "shape": [1], "datatype": "FP32",
                                                                      "parameters": {"binary_data_size": 4}}]}).encode())
put("binaryRequest", "no_header", js({"inputs": [{"name": "x", "shape": [1], "datatype": "FP32",
                                                   "parameters": {"binary_data_size": 4}}]}).encode() + b"\x00" * 4)

out = js({"model_name": "m", "model_version": "1", "id": "r", "outputs": [
    {"name": "o", "shape": [2], "datatype": "FP32", "data": [1, "NaN"]}]})
put("response", "json", out)
head = js({"model_name": "m", "outputs": [{"name": "o", "shape": [1, 4], "datatype": "FP32",
                                           "parameters": {"binary_data_size": 16}}]}).encode()
put("response", "binary", str(len(head)).encode() + b"\n" + head + fp32)
