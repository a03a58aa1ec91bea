package org.labelcrew.project;

import org.labelcrew.account.Colleagues;
import org.springframework.stereotype.Component;

/** Project's answer to account's question "whose people may a manager see": the members of the projects they manage. */
@Component
class ProjectColleagues implements Colleagues {

    @Override
    public String inProjectManagedBySql(String accountId, String viewer) {
        return "EXISTS (SELECT 1 FROM project_member m JOIN project_member mine ON mine.project_id = m.project_id"
                + " AND mine.account_id = " + viewer + " AND mine.role = 'MANAGER' WHERE m.account_id = " + accountId + ")";
    }
}
