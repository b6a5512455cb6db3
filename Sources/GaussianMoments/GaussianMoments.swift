// The GaussianMoments module; its files arrive with their issues.
