/** The measurements of one comparison, and the Markdown report made of them. */
package dev.notify.bench.report;
