/**
 * XHTML pages printed as PDF with Korean text ({@link org.labelcrew.shared.pdf.PdfDocuments}): the quality report and
 * the pay statements. A named interface so that any feature may print.
 */
@org.springframework.modulith.NamedInterface("pdf")
package org.labelcrew.shared.pdf;
