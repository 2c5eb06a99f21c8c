/** Where every portal host serves the editors' console (Vietnamese: "administration"). */
export const CONSOLE_PATH = '/quan-tri';
