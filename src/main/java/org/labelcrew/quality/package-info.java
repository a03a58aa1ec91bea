/**
 * Quality figures of a project for its managers: gold accuracy so far (later agreement between labelers, review
 * outcomes, distributions). Reads what the work queue stores; nothing depends on it.
 */
package org.labelcrew.quality;
