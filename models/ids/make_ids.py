#!/usr/bin/python3
"""Makes ids.pt, a TorchScript model with unsigned integer tensors, for testing how Shunt's model
servers pass UINT32 and UINT64 to DJL's PyTorch engine and read them back.

It needs no PyTorch: a TorchScript file is a zip of the module's TorchScript source, its pickled
state and a format version, and this model has no weights, so the standard library writes it.
Run it with python3 in this folder; it writes ids.pt. ids.json, the model's v2 metadata, is written
by hand and committed beside it.

The model, in TorchScript:

    ids: [N,3] int64 (the servers pass UINT32 as int64), offsets: [N,3] int64 (UINT64)
    -> total   = ids + offsets               int64, declared UINT64
    -> ids_u32 = ids.to(torch.uint32)        PyTorch's own uint32 (scalar type 28)
"""
import zipfile

NAME = "ids"

SOURCE = """class Model(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.Model,
    ids: Tensor,
    offsets: Tensor) -> Tuple[Tensor, Tensor]:
    total = torch.add(ids, offsets)
    ids_u32 = torch.to(ids, 28)
    return (total, ids_u32)
"""

# pickle protocol 2 of an instance of __torch__.Model whose state is {"training": False}
STATE = b"\x80\x02c__torch__\nModel\nq\x00)\x81}(X\x08\x00\x00\x00trainingq\x01\x89ub."
CONSTANTS = b"\x80\x02)."  # an empty tuple

with zipfile.ZipFile(NAME + ".pt", "w", zipfile.ZIP_STORED) as z:
    for path, data in ((NAME + "/data.pkl", STATE), (NAME + "/code/__torch__.py", SOURCE),
                       (NAME + "/constants.pkl", CONSTANTS), (NAME + "/version", "3\n")):
        info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
        z.writestr(info, data)
print("wrote", NAME + ".pt")
