"""Steps per second of genmon's ring-of-Gaussians MLP GAN in PyTorch on the CPU.

The peer figure `trainer.mlpgan.torch-cpu` of `npm run bench` (bench/support/torchPeer.ts runs
it with the sizes read from examples/ring8.genmon.yaml). It mirrors src/trainer/ganModel.ts:
ReLU generator, LeakyReLU(0.2) discriminator, Glorot-uniform weights and zero biases, one Adam per
network, the non-saturating loss with real and fake rows through D in one pass, and the losses
read back to the host every step as the trainer does. It prints one JSON line on stdout.
"""

import argparse
import json
import math
import statistics
import sys
import time

import torch
from torch import nn


def sizes(text):
    return [int(part) for part in text.split(",") if part.strip()]


def mlp(widths, activation):
    layers = []
    for index, (fan_in, fan_out) in enumerate(zip(widths, widths[1:])):
        linear = nn.Linear(fan_in, fan_out)
        nn.init.xavier_uniform_(linear.weight)
        nn.init.zeros_(linear.bias)
        layers.append(linear)
        if index < len(widths) - 2:
            layers.append(activation())
    return nn.Sequential(*layers)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latent", type=int, required=True)
    parser.add_argument("--hidden-g", type=sizes, required=True)
    parser.add_argument("--hidden-d", type=sizes, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--beta1", type=float, required=True)
    parser.add_argument("--beta2", type=float, required=True)
    parser.add_argument("--modes", type=int, required=True)
    parser.add_argument("--radius", type=float, required=True)
    parser.add_argument("--sigma", type=float, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    arguments = parser.parse_args(argv)
    if arguments.steps < 1 or arguments.repeats < 1 or arguments.warmup < 0:
        parser.error("--steps and --repeats must be positive and --warmup not negative")
    return arguments


def main(argv):
    arguments = parse_arguments(argv)
    torch.set_num_threads(arguments.threads)
    torch.manual_seed(arguments.seed)
    batch, latent = arguments.batch, arguments.latent

    generator = mlp([latent, *arguments.hidden_g, 2], nn.ReLU)
    discriminator = mlp([2, *arguments.hidden_d, 1], lambda: nn.LeakyReLU(0.2))
    betas = (arguments.beta1, arguments.beta2)
    optimizer_d = torch.optim.Adam(discriminator.parameters(), lr=arguments.lr, betas=betas)
    optimizer_g = torch.optim.Adam(generator.parameters(), lr=arguments.lr, betas=betas)

    angles = torch.arange(arguments.modes, dtype=torch.float32) * (2 * math.pi / arguments.modes)
    centres = arguments.radius * torch.stack([torch.cos(angles), torch.sin(angles)], dim=1)
    signs = torch.cat([torch.ones(batch, 1), -torch.ones(batch, 1)])
    softplus = nn.functional.softplus

    def step():
        real = centres[torch.randint(arguments.modes, (batch,))] + arguments.sigma * torch.randn(batch, 2)
        # Only D's parameters are updated in D's step, so G's forward needs no graph, as in the trainer.
        with torch.no_grad():
            fake = generator(torch.randn(batch, latent))
        logits = discriminator(torch.cat([real, fake]))
        loss_d = softplus(-logits * signs).sum() / batch
        optimizer_d.zero_grad(set_to_none=True)
        loss_d.backward()
        optimizer_d.step()

        loss_g = softplus(-discriminator(generator(torch.randn(batch, latent)))).mean()
        optimizer_g.zero_grad(set_to_none=True)
        loss_g.backward()
        optimizer_g.step()
        return loss_d.item(), loss_g.item()

    for _ in range(arguments.warmup):
        step()
    durations = []
    for _ in range(arguments.repeats):
        start = time.perf_counter()
        for _ in range(arguments.steps):
            step()
        durations.append(time.perf_counter() - start)

    print(json.dumps({
        "steps_per_second": arguments.steps / statistics.median(durations),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
