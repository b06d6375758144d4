export { returnedRows } from '@km/common';
