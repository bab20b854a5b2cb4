"""Steps per second of genmon's conv GAN or conv VAE in PyTorch on the CPU.

The peer figures `trainer.convgan.torch-cpu` and `trainer.convvae.torch-cpu` of `npm run bench`
(bench/support/torchPeer.ts runs it with the sizes read from examples/mnist-gan.genmon.yaml and
mnist-vae.genmon.yaml). It mirrors src/trainer/models/: the generator/decoder is dense →
[widest, base, base] → ReLU (→ pixel norm), then per stage a nearest 2× upsampling and a 3×3
'same' convolution, ReLU between stages, logits out; the critic/encoder is per stage a 4×4
stride-2 convolution (padding 1, tfjs's 'same' for even sides) with LeakyReLU(0.2), then a dense
head. Glorot-uniform weights, zero biases. The GAN is the non-saturating one with real and fake
rows through D in one pass and sigmoid outputs; the VAE has a Bernoulli decoder on logits and a
KL weight annealed over --kl-anneal iterations. As in the trainer, every update also computes each
network's gradient norm, and the losses and norms are read back to the host every step.

genmon computes each upsampling + convolution pair fused (src/trainer/models/upsampleConv.ts: one
2×2 convolution with four phase filters, then a pixel shuffle and a one-pixel crop). The default
here is the idiomatic interpolate + Conv2d; --fused-upsample runs the same fusion in PyTorch, so
that the comparison can also be read with the same algorithm on both sides.

Pixel values do not change the arithmetic, so the real batches are drawn from a fixed pool of
uniform [0, 1] images instead of MNIST. It prints one JSON line on stdout.
"""

import argparse
import json
import statistics
import sys
import time

import torch
from torch import nn
from torch.nn import functional

MIN_SIDE = 4
LEAKY_SLOPE = 0.2
PIXEL_NORM_EPSILON = 1e-8
POOL_IMAGES = 2048


def plan_stages(side, base_channels):
    """src/trainer/models/convStages.ts: halve while even and the half stays ≥ 4."""
    base, stages = side, 0
    while base % 2 == 0 and base // 2 >= MIN_SIDE:
        base //= 2
        stages += 1
    if stages == 0:
        raise ValueError(f"image side {side} does not halve to ≥ {MIN_SIDE}")
    return base, [base_channels * 2 ** stage for stage in range(stages)]


def glorot(layer):
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


# PHASE_TAPS[phase][tap][k]: the 3×3 taps k summed into 2×2 tap `tap` for output rows 2p − 1
# (phase 0) and 2p (phase 1), as in upsampleConv.ts.
PHASE_TAPS = [[[1, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 1, 1]]]


def upsample_conv_fused(x, conv):
    """conv(interpolate(x, 2, nearest)) without the upsampled image: same function, same weights."""
    out_channels, in_channels = conv.weight.shape[0], conv.weight.shape[1]
    taps = torch.tensor(PHASE_TAPS, dtype=conv.weight.dtype)
    # [co, a, c, ci, u, v] so that pixel_shuffle's channel order (co, a, c) comes out directly.
    phases = torch.einsum("auk,cvl,oikl->oaciuv", taps, taps, conv.weight).reshape(4 * out_channels, in_channels, 2, 2)
    by_phase = functional.conv2d(functional.pad(x, (1, 1, 1, 1)), phases, conv.bias.repeat_interleave(4))
    return functional.pixel_shuffle(by_phase, 2)[:, :, 1:-1, 1:-1]


class Generator(nn.Module):
    def __init__(self, latent, side, image_channels, base_channels, pixel_norm, fused_upsample=False):
        super().__init__()
        self.fused_upsample = fused_upsample
        base, channels = plan_stages(side, base_channels)
        widths = [*reversed(channels), image_channels]
        self.base_shape = (widths[0], base, base)
        self.pixel_norm = pixel_norm
        self.project = glorot(nn.Linear(latent, widths[0] * base * base))
        self.convs = nn.ModuleList(glorot(nn.Conv2d(fan_in, fan_out, 3, 1, 1)) for fan_in, fan_out in zip(widths, widths[1:]))

    def normalise(self, x):
        if not self.pixel_norm:
            return x
        return x * torch.rsqrt(x.square().mean(dim=1, keepdim=True) + PIXEL_NORM_EPSILON)

    def forward(self, latent):
        x = self.normalise(functional.relu(self.project(latent).view(-1, *self.base_shape)))
        for stage, conv in enumerate(self.convs):
            x = upsample_conv_fused(x, conv) if self.fused_upsample else conv(functional.interpolate(x, scale_factor=2, mode="nearest"))
            if stage < len(self.convs) - 1:
                x = self.normalise(functional.relu(x))
        return x


class Critic(nn.Module):
    def __init__(self, side, image_channels, base_channels, outputs):
        super().__init__()
        base, channels = plan_stages(side, base_channels)
        widths = [image_channels, *channels]
        self.convs = nn.ModuleList(glorot(nn.Conv2d(fan_in, fan_out, 4, 2, 1)) for fan_in, fan_out in zip(widths, widths[1:]))
        self.head = glorot(nn.Linear(base * base * widths[-1], outputs))

    def forward(self, images):
        x = images
        for conv in self.convs:
            x = functional.leaky_relu(conv(x), LEAKY_SLOPE)
        return self.head(x.flatten(1))


def gradient_norm(module):
    return torch.sqrt(sum(parameter.grad.square().sum() for parameter in module.parameters()))


def gan_step_function(arguments, pool):
    batch, latent = arguments.batch, arguments.latent
    generator = Generator(latent, arguments.side, arguments.channels, arguments.base_channels, arguments.pixel_norm, arguments.fused_upsample)
    discriminator = Critic(arguments.side, arguments.channels, arguments.base_channels, 1)
    betas = (arguments.beta1, arguments.beta2)
    optimizer_d = torch.optim.Adam(discriminator.parameters(), lr=arguments.lr, betas=betas)
    optimizer_g = torch.optim.Adam(generator.parameters(), lr=arguments.lr, betas=betas)
    softplus = functional.softplus

    def step():
        real = pool[torch.randint(len(pool), (batch,))]
        # Only D is updated in D's step, so G's forward needs no graph, as in the trainer.
        with torch.no_grad():
            fake = torch.sigmoid(generator(torch.randn(batch, latent)))
        real_logits, fake_logits = discriminator(torch.cat([real, fake])).split(batch)
        loss_d = softplus(-real_logits).mean() + softplus(fake_logits).mean()
        optimizer_d.zero_grad(set_to_none=True)
        loss_d.backward()
        norm_d = gradient_norm(discriminator)
        optimizer_d.step()

        loss_g = softplus(-discriminator(torch.sigmoid(generator(torch.randn(batch, latent))))).mean()
        optimizer_g.zero_grad(set_to_none=True)
        loss_g.backward()
        norm_g = gradient_norm(generator)
        optimizer_g.step()
        return torch.stack([loss_d.detach(), loss_g.detach(), norm_d, norm_g]).tolist()

    return step


def vae_step_function(arguments, pool):
    batch, latent = arguments.batch, arguments.latent
    encoder = Critic(arguments.side, arguments.channels, arguments.base_channels, 2 * latent)
    decoder = Generator(latent, arguments.side, arguments.channels, arguments.base_channels, arguments.pixel_norm, arguments.fused_upsample)
    optimizer = torch.optim.Adam([*encoder.parameters(), *decoder.parameters()], lr=arguments.lr, betas=(arguments.beta1, arguments.beta2))
    iteration = 0

    def step():
        nonlocal iteration
        real = pool[torch.randint(len(pool), (batch,))]
        kl_weight = min(1.0, iteration / arguments.kl_anneal) if arguments.kl_anneal > 0 else 1.0
        mean, log_variance = encoder(real).chunk(2, dim=1)
        sample = mean + torch.exp(0.5 * log_variance) * torch.randn(batch, latent)
        logits = decoder(sample)
        reconstruction = (functional.softplus(logits) - real * logits).flatten(1).sum(1).mean()
        kl = 0.5 * (mean.square() + log_variance.exp() - log_variance - 1).sum(1).mean()
        loss = reconstruction + kl_weight * kl
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        norms = [gradient_norm(encoder), gradient_norm(decoder)]
        optimizer.step()
        iteration += 1
        return torch.stack([loss.detach(), reconstruction.detach(), kl.detach(), *norms]).tolist()

    return step


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["gan", "vae"], required=True)
    parser.add_argument("--side", type=int, required=True, help="image height = width")
    parser.add_argument("--channels", type=int, required=True, help="image channels")
    parser.add_argument("--latent", type=int, required=True)
    parser.add_argument("--base-channels", type=int, required=True)
    parser.add_argument("--pixel-norm", action="store_true")
    parser.add_argument("--fused-upsample", action="store_true", help="generator/decoder: upsampling fused into the 3×3 convolution, as genmon computes it")
    parser.add_argument("--kl-anneal", type=int, default=0, help="VAE: iterations until the KL weight reaches 1")
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--beta1", type=float, required=True)
    parser.add_argument("--beta2", type=float, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    arguments = parser.parse_args(argv)
    if arguments.steps < 1 or arguments.repeats < 1 or arguments.warmup < 0:
        parser.error("--steps and --repeats must be positive and --warmup not negative")
    if arguments.batch < 1 or arguments.latent < 1 or arguments.base_channels < 1 or arguments.channels < 1:
        parser.error("--batch, --latent, --base-channels and --channels must be positive")
    return arguments


def main(argv):
    arguments = parse_arguments(argv)
    torch.set_num_threads(arguments.threads)
    torch.manual_seed(arguments.seed)
    pool = torch.rand(POOL_IMAGES, arguments.channels, arguments.side, arguments.side)
    step = (gan_step_function if arguments.model == "gan" else vae_step_function)(arguments, pool)

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
