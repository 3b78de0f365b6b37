#!/usr/bin/python3
"""Makes tiny.pt, a TorchScript model for testing Shunt's "bring your own model" path.

Run with Debian's python3 (apt-get install python3-torch):  /usr/bin/python3 make_tiny.py
It writes tiny.pt (the model), and tiny-expected.json (one input and the answer PyTorch itself
gives, so the tests can check the server answers the same). tiny.json, the model's v2 metadata,
is written by hand and committed beside it.
"""
import json

import torch


class Tiny(torch.nn.Module):
    """x FP32 [N,4] -> y FP32 [N,3]: a linear layer, tanh, and a softmax."""

    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(4, 3)

    def forward(self, x):
        return torch.softmax(torch.tanh(self.linear(x)), dim=1)


torch.manual_seed(7)
model = Tiny().eval()
scripted = torch.jit.script(model)
scripted.save("tiny.pt")

x = torch.tensor([[0.5, -1.0, 2.0, 0.0], [1.0, 1.0, 1.0, 1.0]])
with torch.no_grad():
    y = scripted(x)
with open("tiny-expected.json", "w") as f:
    json.dump({"input": x.flatten().tolist(), "shape": list(x.shape),
               "output": y.flatten().tolist(), "output_shape": list(y.shape),
               "torch": torch.__version__}, f, indent=1)
print("wrote tiny.pt and tiny-expected.json with torch", torch.__version__)
