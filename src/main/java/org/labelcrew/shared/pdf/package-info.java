/**
 * Printing XHTML pages to PDF with Korean text (the quality report, pay statements): open to every feature.
 */
@org.springframework.modulith.NamedInterface("pdf")
package org.labelcrew.shared.pdf;
