// Text from strangers (event titles, group names, venues) in a Markdown file. Markdown gives
// meaning to most punctuation, and some dialects (GitHub's) turn bare addresses into links, so
// every ASCII punctuation mark that any common dialect reads as syntax is escaped with a
// backslash (CommonMark lets any ASCII punctuation be escaped so), and line breaks and control
// characters become spaces: the text can then open no link, image, emphasis, heading, list or
// HTML of its own, and reads as written once rendered.

/** ASCII punctuation but `"%',/;?`, which no common dialect gives a meaning to inside a line. */
const SYNTAX = /[!#$&()*+\-.:<=>@[\\\]^_`{|}~]/g;

/**
 * @param {unknown} text
 * @returns {string}
 */
export function markdownText(text) {
  return String(text ?? '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim()
    .replace(SYNTAX, (mark) => `\\${mark}`);
}
