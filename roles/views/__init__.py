"""The roles app's pages."""

from .declarations import (  # noqa: F401
    DeclarationCreateView,
    DeclarationEndView,
    DeclarationListView,
    PeopleSearchView,
)
from .manage import (  # noqa: F401
    AppointmentCreateView,
    AppointmentEndView,
    CommitteeCreateView,
    CommitteeEditView,
    CouncilCreateView,
    CouncilEditView,
    CouncilManageMixin,
    GroupCreateView,
    GroupEditView,
    MembershipCreateView,
    MembershipEndView,
    OfficeCreateView,
    OfficeEditView,
    PersonCreateView,
    WardCreateView,
    WardEditView,
    _EndView,
    _RecordFormView,
)
from .public import (  # noqa: F401
    CouncilDetailView,
    CouncilListView,
    InvitationAcceptView,
    OfficeDetailView,
    PersonDetailView,
    PersonInviteView,
    SignOutEverywhereView,
    home,
)
