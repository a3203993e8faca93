using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Subsystems = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Vendor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VendorContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    VendorContactMobile = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    VendorContactEmail = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MlpsLevel = table.Column<int>(type: "integer", nullable: true),
                    Location = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Lifecycle = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Remarks = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
