/**
 * Quality figures: a project's for its managers (gold accuracy so far; later agreement between labelers, review
 * outcomes, distributions), and each labeler's own gold accuracy ({@code MyQuality}, in steps that never reveal one
 * item's score). Reads what the work queue stores; nothing depends on it.
 */
package org.labelcrew.quality;
