"""An old Joomla 3.10 site in a real MariaDB database, for the import's tests.

The tables are the ones the import reads, with the columns, types and defaults of Joomla
3.10's installation schema (`installation/sql/mysql/joomla.sql`: zero dates, `fulltext` as a
column name, aliases in a binary collation), written out here for those tables only. Rows are
added as Joomla writes them: times in UTC, `images` as JSON, a menu item's `link` as the
non-SEF address it stands for.
"""

import json

SCHEMA = """
CREATE TABLE `{p}categories` (
  `id` int NOT NULL AUTO_INCREMENT,
  `asset_id` int unsigned NOT NULL DEFAULT 0,
  `parent_id` int unsigned NOT NULL DEFAULT 0,
  `lft` int NOT NULL DEFAULT 0,
  `rgt` int NOT NULL DEFAULT 0,
  `level` int unsigned NOT NULL DEFAULT 0,
  `path` varchar(400) NOT NULL DEFAULT '',
  `extension` varchar(50) NOT NULL DEFAULT '',
  `title` varchar(255) NOT NULL DEFAULT '',
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  `note` varchar(255) NOT NULL DEFAULT '',
  `description` mediumtext,
  `published` tinyint NOT NULL DEFAULT 0,
  `access` int unsigned NOT NULL DEFAULT 0,
  `params` text,
  `created_time` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `language` char(7) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE `{p}content` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `asset_id` int unsigned NOT NULL DEFAULT 0,
  `title` varchar(255) NOT NULL DEFAULT '',
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  `introtext` mediumtext NOT NULL,
  `fulltext` mediumtext NOT NULL,
  `state` tinyint NOT NULL DEFAULT 0,
  `catid` int unsigned NOT NULL DEFAULT 0,
  `created` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `created_by` int unsigned NOT NULL DEFAULT 0,
  `created_by_alias` varchar(255) NOT NULL DEFAULT '',
  `modified` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `publish_up` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `publish_down` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `images` text NOT NULL,
  `urls` text NOT NULL,
  `attribs` varchar(5120) NOT NULL,
  `version` int unsigned NOT NULL DEFAULT 1,
  `ordering` int NOT NULL DEFAULT 0,
  `metakey` text NOT NULL,
  `metadesc` text NOT NULL,
  `access` int unsigned NOT NULL DEFAULT 0,
  `hits` int unsigned NOT NULL DEFAULT 0,
  `metadata` text NOT NULL,
  `featured` tinyint unsigned NOT NULL DEFAULT 0,
  `language` char(7) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE `{p}menu` (
  `id` int NOT NULL AUTO_INCREMENT,
  `menutype` varchar(24) NOT NULL,
  `title` varchar(255) NOT NULL,
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `path` varchar(1024) NOT NULL DEFAULT '',
  `link` varchar(1024) NOT NULL,
  `type` varchar(16) NOT NULL,
  `published` tinyint NOT NULL DEFAULT 0,
  `parent_id` int unsigned NOT NULL DEFAULT 1,
  `level` int unsigned NOT NULL DEFAULT 0,
  `component_id` int unsigned NOT NULL DEFAULT 0,
  `access` int unsigned NOT NULL DEFAULT 0,
  `params` text NOT NULL,
  `lft` int NOT NULL DEFAULT 0,
  `rgt` int NOT NULL DEFAULT 0,
  `home` tinyint unsigned NOT NULL DEFAULT 0,
  `language` char(7) NOT NULL DEFAULT '',
  `client_id` tinyint NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE `{p}users` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(400) NOT NULL DEFAULT '',
  `username` varchar(150) NOT NULL DEFAULT '',
  `email` varchar(100) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
"""

ZERO = "0000-00-00 00:00:00"


class JoomlaSiteBuilder:
    """Rows for the tables above in `connection` (PyMySQL), under table prefix `prefix`."""

    def __init__(self, connection, prefix="jos7k_"):
        self.connection = connection
        self.prefix = prefix
        for statement in SCHEMA.format(p=prefix).split(";"):
            if statement.strip():
                self.execute(statement)
        # What every Joomla 3 site has: the root of the categories and "Uncategorised".
        self.execute(
            f"INSERT INTO `{prefix}categories` (id, parent_id, level, path, extension, title, "
            "alias, description, published, access, params) VALUES "
            "(1, 0, 0, '', 'system', 'ROOT', 'root', '', 1, 1, '{}'), "
            "(2, 1, 1, 'uncategorised', 'com_content', 'Uncategorised', 'uncategorised', '', "
            "1, 1, '{}')"
        )
        self.execute(
            f"INSERT INTO `{prefix}menu` (id, menutype, title, alias, path, link, type, "
            "published, parent_id, level, component_id, access, params, home, language, "
            "client_id) VALUES (1, '', 'Menu_Item_Root', 'root', '', '', '', 1, 0, 0, 0, 0, "
            "'', 0, '*', 0), (101, 'mainmenu', 'Home', 'home', 'home', "
            "'index.php?option=com_content&view=featured', 'component', 1, 1, 1, 22, 1, '{}', "
            "1, '*', 0)"
        )

    def execute(self, sql, params=None):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)

    def user(self, id, name):
        self.execute(
            f"INSERT INTO `{self.prefix}users` (id, name, username, email) VALUES (%s, %s, %s, %s)",
            (id, name, name.split()[0].lower(), f"{id}@example.org"),
        )

    def category(self, id, title, alias, parent_id=1, path=None, published=1, access=1,
                 description=""):  # fmt: skip
        self.execute(
            f"INSERT INTO `{self.prefix}categories` (id, parent_id, level, path, extension, "
            "title, alias, description, published, access, params, language) VALUES "
            "(%s, %s, %s, %s, 'com_content', %s, %s, %s, %s, %s, '{}', '*')",
            (id, parent_id, 1 if parent_id == 1 else 2, path or alias, title, alias,
             description, published, access),
        )  # fmt: skip

    def article(self, id, catid, title, alias, introtext, fulltext="", state=1, access=1,
                created="2015-03-02 09:15:00", publish_up=None, publish_down=ZERO,
                created_by=42, created_by_alias="", images=None, metadesc=""):  # fmt: skip
        self.execute(
            f"INSERT INTO `{self.prefix}content` (id, title, alias, introtext, `fulltext`, "
            "state, catid, created, created_by, created_by_alias, modified, publish_up, "
            "publish_down, images, urls, attribs, metakey, metadesc, access, metadata, "
            "language) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '{}', "
            "'{}', '', %s, %s, '{}', '*')",
            (id, title, alias, introtext, fulltext, state, catid, created, created_by,
             created_by_alias, created, publish_up or created, publish_down,
             json.dumps(images or {"image_intro": "", "image_fulltext": ""}), metadesc,
             access),
        )  # fmt: skip

    def menu_item(self, id, title, path, link, published=1, home=False):
        self.execute(
            f"INSERT INTO `{self.prefix}menu` (id, menutype, title, alias, path, link, type, "
            "published, parent_id, level, component_id, access, params, home, language, "
            "client_id) VALUES (%s, 'mainmenu', %s, %s, %s, %s, 'component', %s, 1, 1, 22, 1, "
            "'{}', %s, '*', 0)",
            (id, title, path.rsplit("/", 1)[-1], path, link, published, int(home)),
        )
