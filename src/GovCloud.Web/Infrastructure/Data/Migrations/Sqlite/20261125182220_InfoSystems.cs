using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InfoSystems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InfoSystems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subsystems = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    VendorContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    VendorContactMobile = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    VendorContactEmail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MlpsLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Lifecycle = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfoSystems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfoSystems_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InfoSystems_OrganisationId_Name",
                table: "InfoSystems",
                columns: new[] { "OrganisationId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InfoSystems");
        }
    }
}
