/**
 * A partition of a nationwide run failed after its retries: the parent run fails with its error
 * at once (retrying the whole country would repeat every partition that succeeded).
 */
export class PartitionFailedError extends Error {
  constructor(partitionError: string) {
    super(`a partition of the nationwide run failed: ${partitionError}`);
    this.name = 'PartitionFailedError';
  }
}
