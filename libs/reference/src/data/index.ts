export * from './counties.data';
export * from './municipalities.data';
export * from './learning-centres.data';
export * from './competences.data';
export * from './sni.data';
export * from './region-targets.data';
