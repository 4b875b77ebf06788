"""What a run of the demo created, and the lines the ``demo`` command prints about it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .plan import DRAFT, EXPIRED, FILLED, PUBLISHED, RETURNED, SUBMITTED, WITHDRAWN

STATUS_LABELS = {
    PUBLISHED: "公開中",
    DRAFT: "下書き",
    SUBMITTED: "審査待ち",
    RETURNED: "差し戻し",
    FILLED: "募集終了（決定）",
    WITHDRAWN: "募集終了（取り下げ）",
    EXPIRED: "募集終了（締切）",
}


@dataclass
class DemoReport:
    programs_created: int = 0
    programs_updated: int = 0
    programs_unchanged: int = 0
    programs_skipped: list[str] = field(default_factory=list)
    admin_created: bool = False
    #: The demo password, when users were created with it just now (``None`` on a re-run).
    password: str | None = None
    small: bool = False
    vocabulary_loaded: bool = False
    users_created: int = 0
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    sheets_created: Counter = field(default_factory=Counter)
    #: (role, email, what to look at) for the command's table of sample log-ins
    sample_logins: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def admin_password(self) -> str | None:
        """The admin's password, when the admin was created just now."""
        return self.password if self.admin_created else None

    LABELS = (
        ("coordinators", "自治体・支援機関"),
        ("companies", "企業"),
        ("talents", "人材"),
        ("sheets", "仕様書"),
        ("applications", "応募"),
        ("scouts", "スカウト"),
        ("contracts", "成約"),
        ("drafts", "ドラフト会議"),
        ("support claims", "交通費支援の申請"),
    )

    def count(self, key: str, *, created: bool) -> None:
        (self.created if created else self.existing)[key] += 1

    def lines(self) -> list[str]:
        out = []
        if self.vocabulary_loaded:
            out.append("語彙（スキル・テーマ・産業分類）が未登録だったため読み込みました。")
        out.append(
            f"支援制度（デモ）: 追加 {self.programs_created} / 更新 {self.programs_updated} / "
            f"変更なし {self.programs_unchanged}"
        )
        if self.programs_skipped:
            out.append("地域パックにない市町村のため省略: " + "、".join(self.programs_skipped))
        for key, label in self.LABELS:
            out.append(f"{label}（デモ）: 追加 {self.created[key]} / 作成済み {self.existing[key]}")
        if self.sheets_created:
            states = "、".join(
                f"{STATUS_LABELS[state]} {self.sheets_created[state]}"
                for state in STATUS_LABELS
                if self.sheets_created[state]
            )
            out.append(f"  追加した仕様書の状態: {states}")
        out.append(f"ユーザー（デモ）: 追加 {self.users_created}")
        return out
