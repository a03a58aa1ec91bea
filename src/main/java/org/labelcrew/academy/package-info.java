/**
 * The academy: courses, cohorts with a fixed number of seats and a wait list, sessions and attendance, exams scored
 * per annotation type, placement of the people trained as reviewers or labelers, and the freelancer agreement that
 * turns a placement into project membership. Depends on the public services of account, project, schema and task
 * (whether a placed person has started work: {@code TaskStore}); nothing depends on the academy.
 */
package org.labelcrew.academy;
