"""Reading a Joomla 3 site's database (MySQL or MariaDB), read-only.

Only the tables and columns the import needs are read, by name, so a site whose Joomla added
columns (3.x versions differ) reads the same. Joomla stores times in UTC; a date it never set
is '0000-00-00 00:00:00' (older sites) or NULL (3.10): both become None here.
"""

import dataclasses
import datetime
import json
from urllib.parse import unquote, urlsplit

import pymysql
from django.utils import timezone

# Joomla's article states (#__content.state) and access levels (#__viewlevels: the ones
# every visitor has).
PUBLISHED, UNPUBLISHED, ARCHIVED, TRASHED = 1, 0, 2, -2
PUBLIC_ACCESS_LEVELS = {1, 5}  # Public, Guest


class SourceError(Exception):
    """The database cannot be read as a Joomla 3 site (with a Dutch message for the
    terminal)."""


@dataclasses.dataclass(frozen=True)
class Category:
    id: int
    parent_id: int
    path: str  # "achtergronden/nieuws": the aliases from the top
    title: str
    alias: str
    description: str
    published: int
    access: int


@dataclasses.dataclass(frozen=True)
class Article:
    id: int
    title: str
    alias: str
    introtext: str
    fulltext: str
    state: int
    catid: int
    created: datetime.datetime | None
    publish_up: datetime.datetime | None
    publish_down: datetime.datetime | None
    author: str
    images: dict
    access: int
    metadesc: str

    @property
    def public(self):
        """Whether the old site showed it to every visitor now (published or archived,
        public access, between its start and end dates)."""
        return self.public_later and not self.starts_later

    @property
    def public_later(self):
        """Whether the old site shows it to every visitor now or from its start date on."""
        ended = self.publish_down is not None and self.publish_down <= timezone.now()
        return self.state in (PUBLISHED, ARCHIVED) and self.public_access and not ended

    @property
    def starts_later(self):
        """Whether its start date ("Start publiceren") is still to come."""
        return self.publish_up is not None and self.publish_up > timezone.now()

    @property
    def public_access(self):
        return self.access in PUBLIC_ACCESS_LEVELS


@dataclasses.dataclass(frozen=True)
class MenuItem:
    id: int
    path: str  # "over-ons/wie-zijn-wij": the address below the site's root
    home: bool
    view: str  # "article", "category", "featured", …
    target_id: int | None  # the article's or category's id


def connect(url):
    """A read-only connection to `url` ("mysql://user:password@host:port/database").

    Raises SourceError when the server cannot be reached or the address is not one."""
    parts = urlsplit(url)
    if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
        raise SourceError(
            f"Geen database-adres: {url!r}. Gebruik mysql://gebruiker:wachtwoord@host:3306/naam"
        )
    try:
        connection = pymysql.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 3306,
            user=unquote(parts.username or "root"),
            password=unquote(parts.password or ""),
            database=unquote(parts.path.strip("/")),
            charset="utf8mb4",
            cursorclass=pymysql.cursors.DictCursor,
            connect_timeout=10,
            read_timeout=300,
            # Each query its own transaction: a long import holds no locks on the old site.
            autocommit=True,
        )
    except pymysql.MySQLError as error:
        raise SourceError(f"De Joomla-database is niet bereikbaar: {error}") from error
    with connection.cursor() as cursor:
        cursor.execute("SET SESSION TRANSACTION READ ONLY")
    return connection


def find_prefix(connection):
    """The table prefix ("jos_", "abc12_") of the one Joomla site in the database.

    Raises SourceError when there is none, or several (then --prefix chooses)."""
    tables = _tables(connection)
    prefixes = sorted(
        name.removesuffix("content")
        for name in tables
        if name.endswith("content")
        and name.removesuffix("content") + "categories" in tables
        and name.removesuffix("content") + "menu" in tables
    )
    if not prefixes:
        raise SourceError("Geen Joomla-tabellen gevonden (…content, …categories en …menu).")
    if len(prefixes) > 1:
        raise SourceError(
            f"Meer dan één Joomla-site in deze database ({', '.join(prefixes)}): kies er één "
            "met --prefix."
        )
    return prefixes[0]


def _tables(connection):
    with connection.cursor() as cursor:
        cursor.execute("SHOW TABLES")
        return {next(iter(row.values())) for row in cursor.fetchall()}


def check_prefix(connection, prefix):
    """Raises SourceError when the database has no Joomla tables with `prefix`."""
    tables = _tables(connection)
    missing = [f"{prefix}{name}" for name in ("content", "categories", "menu", "users")
               if f"{prefix}{name}" not in tables]  # fmt: skip
    if missing:
        raise SourceError(
            f"Geen Joomla-tabellen met voorvoegsel {prefix!r} (niet gevonden: "
            f"{', '.join(missing)}). Laat --prefix weg om het te laten zoeken."
        )


class JoomlaSite:
    """What the import reads of one Joomla site: categories, articles, menu items."""

    def __init__(self, connection, prefix):
        self.connection = connection
        self.prefix = prefix

    def _rows(self, sql):
        with self.connection.cursor() as cursor:
            cursor.execute(sql.replace("#__", self.prefix))
            return cursor.fetchall()

    def categories(self):
        """{id: Category} of the articles' categories (not the system root)."""
        rows = self._rows(
            "SELECT id, parent_id, path, title, alias, description, published, access "
            "FROM `#__categories` WHERE extension = 'com_content' ORDER BY lft, id"
        )
        return {
            row["id"]: Category(
                id=row["id"],
                parent_id=row["parent_id"],
                path=row["path"] or row["alias"],
                title=row["title"],
                alias=row["alias"],
                description=row["description"] or "",
                published=row["published"],
                access=row["access"],
            )
            for row in rows
        }

    def articles(self):
        """[Article] by id, trashed ones included (the import leaves them out and answers
        their old addresses with 404)."""
        users = {row["id"]: row["name"] for row in self._rows("SELECT id, name FROM `#__users`")}
        rows = self._rows(
            "SELECT id, title, alias, introtext, `fulltext`, state, catid, created, "
            "created_by, created_by_alias, publish_up, publish_down, images, access, metadesc "
            "FROM `#__content` ORDER BY id"
        )
        return [
            Article(
                id=row["id"],
                title=row["title"].strip(),
                alias=row["alias"],
                introtext=row["introtext"] or "",
                fulltext=row["fulltext"] or "",
                state=row["state"],
                catid=row["catid"],
                created=joomla_time(row["created"]),
                publish_up=joomla_time(row["publish_up"]),
                publish_down=joomla_time(row["publish_down"]),
                author=(row["created_by_alias"] or users.get(row["created_by"], "")).strip(),
                images=_json(row["images"]),
                access=row["access"],
                metadesc=(row["metadesc"] or "").strip(),
            )
            for row in rows
        ]

    def menu_items(self):
        """[MenuItem] of the site's published menus that lead to articles or categories."""
        rows = self._rows(
            "SELECT id, path, link, home FROM `#__menu` "
            "WHERE client_id = 0 AND published = 1 AND type = 'component' "
            "AND link LIKE 'index.php?option=com_content%' ORDER BY lft, id"
        )
        items = []
        for row in rows:
            query = query_of(row["link"])
            items.append(
                MenuItem(
                    id=row["id"],
                    path=row["path"],
                    home=bool(row["home"]),
                    view=query.get("view", ""),
                    target_id=leading_number(query.get("id", "")),
                )
            )
        return items


def query_of(link):
    """{name: value} of a Joomla link's query string ("index.php?option=…&id=12")."""
    query = urlsplit(link.replace("&amp;", "&")).query
    pairs = (part.partition("=") for part in query.split("&") if part)
    return {unquote(name).lower(): unquote(value) for name, _, value in pairs}


def leading_number(text):
    """12 for "12", "12:brief-aan-kamer" or "12-brief-aan-kamer"; None without one."""
    digits = ""
    for character in str(text):
        if not character.isdigit():
            break
        digits += character
    return int(digits) if digits else None


def joomla_time(value):
    """An aware UTC datetime for a Joomla time column; None for a time never set."""
    if value is None or isinstance(value, str):  # '0000-00-00 00:00:00' comes as text
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    return value.replace(tzinfo=datetime.UTC)


def _json(text):
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
