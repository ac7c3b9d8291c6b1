import type { TableRequest } from './api';

/**
 * The two-way table last computed in the Table view, and of which working copy:
 * the export dialog offers it as a page of the PDF while the document is the same.
 */
export const lastTable = $state<{ request: TableRequest | null; label: string }>({ request: null, label: '' });
