"""Warm SQLAlchemy's lazy paths before the memory snapshot is taken (scripts/provision/snapshot.mjs).

SQLAlchemy imports many modules on first use and builds caches the first time an engine
connects, a table is created or a class is mapped. Running one small round trip before the
snapshot moves that work to provisioning, so a notebook's first cell does not pay for it.
Everything made here is let go again: its own MetaData and registry, an in-memory database,
the engine disposed; nothing a notebook could see is left behind.
"""

from __future__ import annotations

import gc
from typing import Optional

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, create_engine, func, insert, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, registry, relationship, selectinload

# String annotations (from __future__ above, as in most recipes) resolve in this module's globals,
# so what the classes below name is imported here, not inside the function.


rounds = 0
"""How many times the round trip has run in this process (the snapshot's own run counts)."""


def warm_sqlalchemy() -> None:
    global rounds
    _round_trip()
    gc.collect()
    rounds += 1


def _round_trip() -> None:
    engine = create_engine("sqlite://")
    try:
        metadata = MetaData()
        table = Table("warm_t", metadata, Column("id", Integer, primary_key=True), Column("name", String(20)))
        metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(table), [{"name": "a"}, {"name": "b"}])
            conn.execute(select(table.c.name, func.count()).group_by(table.c.name).order_by(table.c.name)).all()
            conn.execute(text("SELECT 1")).scalar()

        own_registry = registry()

        class Base(DeclarativeBase):
            registry = own_registry

        class Parent(Base):
            __tablename__ = "warm_parent"
            id: Mapped[int] = mapped_column(primary_key=True)
            name: Mapped[Optional[str]] = mapped_column(String(20))
            children: Mapped[list[Child]] = relationship(back_populates="parent")

        class Child(Base):
            __tablename__ = "warm_child"
            id: Mapped[int] = mapped_column(primary_key=True)
            parent_id: Mapped[int] = mapped_column(ForeignKey("warm_parent.id"))
            parent: Mapped[Parent] = relationship(back_populates="children")

        Base.metadata.create_all(engine)
        with Session(engine) as session:
            session.add(Parent(name="p", children=[Child(), Child()]))
            session.commit()
            parent = session.scalars(select(Parent).options(selectinload(Parent.children))).one()
            assert len(parent.children) == 2
            session.get(Child, 1)
            session.execute(select(Child).join(Child.parent).where(Parent.name == "p")).all()
        own_registry.dispose()
        del Base, Parent, Child, parent, own_registry
    finally:
        engine.dispose()
