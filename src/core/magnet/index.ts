export { MAGNET_DEFAULTS, MAX_PROJECTION_DIM, projectedRows, resolveMagnetOptions, type GeneratorShape, type MagnetOptions, type MagnetRequest } from './options';
export { logVolumeElement, logVolumeElements } from './volumeElement';
export { effectiveSampleSize, normaliseLogWeights, resamplingLogWeights, resamplingWeights } from './resamplingWeights';
export { sampleWithoutReplacement } from './resample';
export { magnetRandom, normalDraws, type MagnetRandom, type MagnetStreamPurpose } from './randomStreams';
export { randomProjection, type ProjectionMatrix } from './randomProjection';
export { standardNormalLogDensities } from './latentPrior';
export { selectMagnetSamples, type MagnetPool, type MagnetSelection } from './selectSamples';
export { binnedTvDistanceToUniform, ksDistanceToUniform, uniformNoiseFloor } from './uniformity';
