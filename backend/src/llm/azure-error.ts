/** Kept for imports that still name the old, Azure-only file; the mapping is provider-error.ts. */
export * from './provider-error';
