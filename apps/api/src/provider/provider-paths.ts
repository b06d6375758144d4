export const PROVIDER_PATH = '/utbud';
export const DEMAND_PATH = `${PROVIDER_PATH}/efterfragan`;
export const offeringPath = (id: string) => `${PROVIDER_PATH}/${encodeURIComponent(id)}`;
