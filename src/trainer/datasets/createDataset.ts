/** Builds the dataset a spec describes, after checking it. */
import type { Dataset } from './dataset';
import { dotsGenerator } from './dots';
import { gaussianMixtureGenerator } from './gaussianMixture';
import { GeneratedDataset } from './generatedDataset';
import { imageFolderDataset } from './imageFolder';
import { mnistDataset } from './mnist';
import { pieGenerator } from './pie';
import type { DatasetSpec } from './spec';
import { spritesGenerator } from './sprites';
import { datasetSpecProblems } from './validate';

export interface DatasetLocations {
  /** Folder that relative image-folder and attribute paths resolve against (the config's folder). Default: the working directory. */
  readonly baseDirectory?: string;
  /** Folder of the mnist package's digit files, for a bundled trainer that cannot resolve the package. */
  readonly mnistDirectory?: string;
}

/** Throws one error naming every problem of an invalid spec, or an unreadable file. */
export function createDataset(spec: DatasetSpec, seed: number, locations: DatasetLocations = {}): Dataset {
  const problems = datasetSpecProblems(spec);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  switch (spec.type) {
    case 'gaussian-mixture':
      return new GeneratedDataset(gaussianMixtureGenerator(spec), seed);
    case 'dots':
      return new GeneratedDataset(dotsGenerator(spec), seed);
    case 'pie':
      return new GeneratedDataset(pieGenerator(spec), seed);
    case 'sprites':
      return new GeneratedDataset(spritesGenerator(spec), seed);
    case 'mnist':
      return mnistDataset(spec, seed, locations.mnistDirectory);
    case 'image-folder':
      return imageFolderDataset(spec, seed, locations.baseDirectory);
  }
}
