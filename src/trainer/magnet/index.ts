export { computeMagnetPool, drawFromMagnetPool, magnetSample, type MagnetDrawRequest, type MagnetPoolResult, type MagnetSampling } from './magnetSample';
export { projectedJacobians, type LatentGenerator } from './projectedJacobians';
export { gatherRows, generateSamples } from './generateSamples';
export { halfCircleManifold, skewedSquareManifold, type KnownManifold } from './knownManifolds';
